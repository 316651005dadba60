"""nbgrader's check of the cells' grading metadata, with its JSON schema checked once.

Autograde checks every cell's nbgrader metadata twice per notebook (``CheckCellMetadata``
before and after running it), and nbgrader does it with ``jsonschema.validate``, which first
validates the schema itself against the JSON Schema meta-schema and builds a new validator:
for every cell, each time. That was a tenth of a grading worker's CPU. Here the schema is
checked and its validator built once per process; each cell then goes through the same
checks, in the same order, raising the same errors as nbgrader's own
(``nbgrader.nbgraderformat``).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import jsonschema
from nbgrader.nbgraderformat import MetadataValidator, SchemaTooNewError, SchemaTooOldError
from nbgrader.nbgraderformat.common import BaseMetadataValidator
from nbgrader.preprocessors import CheckCellMetadata


class _SchemaOnce(BaseMetadataValidator):
    """``BaseMetadataValidator.validate_cell`` with a validator built once for the schema."""

    _validator: Any = None  # the schema's validator (``_Validator`` builds it)

    def validate_cell(self, cell) -> None:
        if "nbgrader" not in cell.metadata:
            return
        schema = cell.metadata["nbgrader"].get("schema_version", 0)
        if schema < self.schema_version:
            raise SchemaTooOldError(
                f"Outdated schema version: {schema} (expected {self.schema_version})",
                schema,
                self.schema_version,
            )
        if schema > self.schema_version:
            raise SchemaTooNewError(
                f"Schema version is too new: {schema} (expected {self.schema_version})",
                schema,
                self.schema_version,
            )
        # What jsonschema.validate(instance, schema) does, minus re-checking the schema.
        error = jsonschema.exceptions.best_match(
            self._validator.iter_errors(cell.metadata["nbgrader"])
        )
        if error is not None:
            raise error


class _Validator(MetadataValidator, _SchemaOnce):
    """nbgrader's current metadata validator; its base check is ``_SchemaOnce``'s (the MRO
    puts it between nbgrader's version-specific checks and their common base)."""

    def __init__(self) -> None:
        super().__init__()
        cls = jsonschema.validators.validator_for(self.schema)
        cls.check_schema(self.schema)
        self._validator = cls(self.schema)


@cache
def validator() -> _Validator:
    """This process's validator (the schema is nbgrader's, fixed for the process)."""
    return _Validator()


class CachedCheckCellMetadata(CheckCellMetadata):
    """nbgrader's ``CheckCellMetadata``, with the schema checked once per process."""

    def preprocess(self, nb, resources):
        import traceback

        from nbgrader.nbgraderformat import ValidationError

        try:
            validator().validate_nb(nb)
        except ValidationError:
            self.log.error(traceback.format_exc())
            msg = "Notebook failed to validate; the nbgrader metadata may be corrupted."
            self.log.error(msg)
            raise ValidationError(msg) from None
        return nb, resources
