"""Models of the raw CAL-ACCESS data: release tracking, and one model per table of the export.

Each table model is importable by its class name from the schema, e.g.
``from calaccess_raw.models import RcptCd``.
"""

from .tables import RAW_DATA_MODELS, RawDataModel, get_raw_model
from .tracking import RawDataFile, RawDataVersion

globals().update({model.__name__: model for model in RAW_DATA_MODELS})

__all__ = [
    "RAW_DATA_MODELS",
    "RawDataFile",
    "RawDataModel",
    "RawDataVersion",
    "get_raw_model",
    *(model.__name__ for model in RAW_DATA_MODELS),
]
