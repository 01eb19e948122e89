import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A joint protocol between organisations of one area, e.g. the Hertfordshire Joint Protocol (procedure §6). */
@Entity()
export class JointProtocol {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code!: string;

  @Column({ type: 'text' })
  name!: string;
}
