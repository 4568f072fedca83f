"""Cross-cutting pieces every domain app uses: the clock, the domain error tree, money helpers."""
