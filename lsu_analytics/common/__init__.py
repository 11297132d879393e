"""Small helpers every layer uses: reading `.sql` files, file digests, peak memory, lazy package exports."""
