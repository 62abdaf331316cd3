"""The `gradepush` command line: set up, import, create tokens and serve."""
