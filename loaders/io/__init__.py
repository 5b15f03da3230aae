"""Files in and out: YAML with lines, the checked reader and schemas, tables (CSV/XLSX), numbers and units as
printed, problems with file:line, atomic writes, and the messages of both languages."""
