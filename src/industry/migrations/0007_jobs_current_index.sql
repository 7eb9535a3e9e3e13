-- industry 0007: the index of the jobs not voided, for "employed on D" (issue #16 benchmark,
-- docs/industry.md "Employed on D"). The report's jobs pass reads
--   started_on <= D AND (ended_on IS NULL OR ended_on > D) AND voided_at IS NULL
-- jobs_period (0002) lacks voided_at, so every row it returns cost a lookup of the table row
-- (46 s wall at --scale 240, most of it random reads of the 4.5 GB file). This partial index
-- holds only rows with voided_at IS NULL and carries every column the pass reads (person_id for
-- "employed", channel for labor.jobs.<channel>), so the pass never touches the table. voided_at
-- is a column too (always NULL here, one byte): SQLite counts an index as covering only when it
-- holds every column the WHERE names, the partial index's own condition included.
CREATE INDEX jobs_current ON jobs(started_on, ended_on, person_id, channel, voided_at) WHERE voided_at IS NULL;
