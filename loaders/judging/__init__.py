"""The rules that judge a target: comparators, periods, the fixed vocabulary, status and the targets'
progress."""
