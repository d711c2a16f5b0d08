import { Readable } from 'node:stream';
import { parse, type Parser } from 'csv-parse';
import type { ImportUpload } from '../../domain/import-job.ts';
import type { ImportJobRepository } from '../../storage/repositories/import-jobs.ts';

/** A record as csv-parse gives it with `info`: the values, and the line it ended on. */
export interface CsvRecord {
  record: string[];
  info: { lines: number };
}

/** The upload's chunks in order, read from the store one at a time as the parser asks for more. */
async function* chunks(repo: ImportJobRepository, jobId: string, upload: ImportUpload): AsyncGenerator<Uint8Array> {
  for (let seq = 1; ; seq++) {
    const data = await repo.chunk(jobId, upload.id, seq);
    if (!data) return;
    yield data;
  }
}

/**
 * The CSV's records, streamed: a byte-order mark dropped (spreadsheets write one), blank lines
 * skipped, a row of the wrong width given as it is (the importer fails that row, not the job).
 */
export function csvRecords(repo: ImportJobRepository, jobId: string, upload: ImportUpload): Parser {
  const parser = parse({ bom: true, skip_empty_lines: true, relax_column_count: true, info: true, max_record_size: 1024 * 1024 });
  Readable.from(chunks(repo, jobId, upload)).on('error', (e) => parser.destroy(e)).pipe(parser);
  return parser;
}
