"""cablesite: a static site generator for archives of diplomatic cables.

The pipeline, one package per stage:

    ingest/   messy sources (saved pages, reposts, cables.csv) -> Cable records
    content/  Cable records <-> one Markdown file per cable in content/
    archive/  the loaded archive and its browse indexes
    site/     page plan, URLs, rendering with the theme, writing site/
    search/   the Pagefind index, in bundles
"""

__version__ = "0.1.0"
