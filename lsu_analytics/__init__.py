"""lsu-analytics: qualité des données, indicateurs et rapports sur les exports LSU."""
__version__ = "0.1.0"
