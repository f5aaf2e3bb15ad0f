"""content/: one Markdown file per cable (YAML front matter + the verbatim text)."""
