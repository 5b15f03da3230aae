"""Reading, checking and storing the dashboard's data: the text files are the truth, DuckDB an index built from them.

Packages by job: `io` (files, YAML, tables, numbers, units, problems, atomic writes, messages), `readers` (the
catalogue, sources, regions and the data files into facts), `judging` (comparators, periods, status, progress),
`documents` (checklists, self-assessments, standards), `staff` (sign-in, templates, updates); `store` owns DuckDB,
`project` loads everything and `cli` is the command line."""
