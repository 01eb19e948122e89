import type { TransformFnParams } from 'class-transformer';

/** Organisation codes are accepted in any case (`hpft`, `HPFT`) and stored in capitals. */
export const upperCase = ({ value }: TransformFnParams): unknown =>
  typeof value === 'string' ? value.toUpperCase() : value;
