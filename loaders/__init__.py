"""Reading, checking and storing the dashboard's data: the text files are the truth, DuckDB an index built from them."""
