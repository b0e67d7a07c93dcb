"""``python -m relgraph``: the ``relgraph`` command line."""

from relgraph.cli import main

if __name__ == "__main__":
    main()
