"""The staff's path: sign-in, templates, and updates applied with history and undo."""
