import { In, IsNull, Not, type DataSource } from 'typeorm';
import { Correspondence } from '@complaints/db';
import { toItem, type CorrespondenceItemDto } from './correspondence.dto';

/** The log's view of items: whether each has a PDF and what resends it, without reading the documents. */
export async function itemViews(
  dataSource: DataSource,
  items: Correspondence[],
): Promise<CorrespondenceItemDto[]> {
  if (items.length === 0) return [];
  const ids = items.map((item) => item.id);
  const repository = dataSource.getRepository(Correspondence);
  const [printed, resends] = await Promise.all([
    repository.find({ select: { id: true }, where: { id: In(ids), pdf: Not(IsNull()) } }),
    repository.find({ select: { id: true, resendOf: true }, where: { resendOf: In(ids) } }),
  ]);
  const hasPdf = new Set(printed.map((item) => item.id));
  const resentAs = new Map(resends.map((item) => [item.resendOf!, item.id]));
  return items.map((item) =>
    toItem(item, { hasPdf: hasPdf.has(item.id), resentAs: resentAs.get(item.id) ?? null }),
  );
}
