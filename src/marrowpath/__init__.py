"""MarrowPath: clinical decision support for bone marrow edema.

Decision support for qualified professionals, not a diagnosis.
"""

from __future__ import annotations

__version__ = "0.1.0"
