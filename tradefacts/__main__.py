"""`python -m tradefacts` is the `tradefacts` command."""
from .cli import main

main()
