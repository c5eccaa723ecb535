/**
 * Imports of real exports: contacts and orders from CSV ({@code .csv}, {@code .csv.gz}) and Excel
 * ({@code .xlsx}) files, cleaned and written into the event log as {@code identify} and {@code track} events,
 * with a report that accounts for every row.
 */
@NullMarked
package io.lotse.server.importer;

import org.jspecify.annotations.NullMarked;
