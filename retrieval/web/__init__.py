"""Adding web pages to the corpus: download (``fetch``), name (``names``), save and ingest
(``add``)."""
