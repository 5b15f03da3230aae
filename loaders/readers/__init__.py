"""The project's data files read into facts: the catalogue, sources, regions, the report's results and
the monthly and provincial files."""
