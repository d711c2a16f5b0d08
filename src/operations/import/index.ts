import type { Operation } from '../operation.ts';
import createUserImportJob from './create-user-import-job.ts';
import describeUserImportJob from './describe-user-import-job.ts';
import getCsvHeader from './get-csv-header.ts';
import listUserImportJobs from './list-user-import-jobs.ts';
import startUserImportJob from './start-user-import-job.ts';
import stopUserImportJob from './stop-user-import-job.ts';

/** User import: CSV files of users, uploaded through a pre-signed URL and imported in the background. */
export const operations: Operation[] = [getCsvHeader, createUserImportJob, describeUserImportJob, listUserImportJobs, startUserImportJob, stopUserImportJob];
