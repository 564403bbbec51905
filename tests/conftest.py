from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEV = SHARED / "eval" / "dev"
BACKGROUND = SHARED / "eval" / "background"
PEER = SHARED / "peer"


def needs(path: Path):
    """Skip a test cleanly when the shared data it reads is not beside the repository."""
    return pytest.mark.skipif(not path.exists(), reason=f"{path} is absent")
