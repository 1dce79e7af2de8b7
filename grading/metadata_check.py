"""nbgrader's check of the cells' nbgrader metadata, with its JSON schema compiled once per process.

nbgrader's CheckCellMetadata runs twice per notebook of a submission (sanitizing, then autograding), and for
every cell `jsonschema.validate`, which checks the schema itself anew each time: an eighth of a grading
process's time in the profile of `grading autograde`. Same checks, same errors; the schema is checked once.
"""

from __future__ import annotations

import functools
import json
import traceback

import jsonschema
from jsonschema.exceptions import best_match
from nbformat import NotebookNode
from nbgrader.nbgraderformat import ValidationError
from nbgrader.nbgraderformat.common import BaseMetadataValidator
from nbgrader.nbgraderformat.v3 import MetadataValidatorV3
from nbgrader.preprocessors import CheckCellMetadata


@functools.cache
def _compiled(schema_text: str) -> jsonschema.protocols.Validator:
    schema = json.loads(schema_text)
    kind = jsonschema.validators.validator_for(schema)
    kind.check_schema(schema)
    return kind(schema)


class _SchemaOnce(BaseMetadataValidator):
    def validate_cell(self, cell: NotebookNode) -> None:
        meta = cell.metadata.get("nbgrader")
        if meta is None or meta.get("schema_version", 0) != self.schema_version:
            super().validate_cell(cell)  # nbgrader's own, and its error for another schema version
            return
        error = best_match(_compiled(json.dumps(self.schema, sort_keys=True)).iter_errors(meta))
        if error is not None:
            raise error


class _Validator(MetadataValidatorV3, _SchemaOnce):
    """nbgrader's v3 checks, its base's schema check replaced (it comes after MetadataValidatorV3 in the MRO)."""


class CheckCellMetadataOnce(CheckCellMetadata):
    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        try:
            _Validator().validate_nb(nb)
        except ValidationError:  # as nbgrader's CheckCellMetadata says it
            self.log.error(traceback.format_exc())
            msg = "Notebook failed to validate; the nbgrader metadata may be corrupted."
            self.log.error(msg)
            raise ValidationError(msg) from None
        return nb, resources


def checked_once(steps: list) -> list:
    """nbgrader's steps with its CheckCellMetadata replaced by ours."""
    return [CheckCellMetadataOnce if step is CheckCellMetadata
            or step == "nbgrader.preprocessors.CheckCellMetadata" else step for step in steps]
