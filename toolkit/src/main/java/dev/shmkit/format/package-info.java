/** How numbers read in every report, card and listing: durations, counts, ratios, times of day. */
package dev.shmkit.format;
