/** An ISO calendar date, YYYY-MM-DD (procedure §0: deadlines are dates in Europe/London). */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
