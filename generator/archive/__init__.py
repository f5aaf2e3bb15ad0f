"""The loaded archive (metadata of every cable) and its browse indexes."""

from generator.archive.load import load_archive, read_cable
from generator.archive.model import Archive, CableEntry, EditorialPage

__all__ = ["Archive", "CableEntry", "EditorialPage", "load_archive", "read_cable"]
