"""Each YAML schema is declared once: the field lists check the files, build the objects and publish the JSON Schema."""

import dataclasses
import json
from pathlib import Path

import jsonschema
import yaml

from loaders.cli import main
from loaders.documents import assessment, standards
from loaders.readers import catalogue, sources

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = ROOT / "docs" / "indicators.schema.json"


def test_the_published_json_schema_is_current(capsys):
    assert json.loads(PUBLISHED.read_text(encoding="utf-8")) == catalogue.json_schema()
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == catalogue.json_schema()


def test_the_shipped_catalogue_meets_the_json_schema_and_a_misspelt_one_does_not():
    schema = catalogue.json_schema()
    data = yaml.safe_load((ROOT / "indicators.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    data["indicators"][0]["unti"] = data["indicators"][0].pop("unit")
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    assert {e.message for e in errors} >= {"'unit' is a required property"}
    assert any("unti" in e.message for e in errors)


# Fields of the file that the objects do not keep as such: nested lists read into their own objects, references
# resolved into other fields (a standard's `indicator` becomes `indicator_id`, an age rule's `under_age` its `max_age`).
NOT_KEPT = {"targets", "indicator", "under_age"}


def test_every_declared_field_reaches_its_object():
    pairs = [
        (catalogue.CATEGORY_FIELDS, catalogue.Category),
        (catalogue.INDICATOR_FIELDS, catalogue.Indicator),
        (catalogue.TARGET_FIELDS, catalogue.Target),
        (sources.SOURCE_FIELDS, sources.Source),
        (assessment.PHASE_FIELDS, assessment.Phase),
        (assessment.PART_FIELDS, assessment.Part),
        (assessment.POINT_FIELDS, assessment.Point),
        (assessment.ITEM_FIELDS, assessment.Item),
        (assessment.VETO_FIELDS, assessment.Veto),
        (standards.STANDARD_FIELDS, standards.Standard),
        (standards.AGE_RULE_FIELDS, standards.AgeRule),
        (standards.SERVICE_FIELDS, standards.Service),
    ]
    lost = [
        f"{cls.__name__}.{f.name}"
        for fields, cls in pairs
        for f in fields
        if f.name not in {d.name for d in dataclasses.fields(cls)} | NOT_KEPT
    ]
    assert lost == []
