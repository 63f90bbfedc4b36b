/** The map-job API: functions, options, results, per-task cost reports and job failures. */
package dev.shmkit.job;
