"""The declared mapping checked against the raw schema: every table, column and code exists."""

from __future__ import annotations

from calaccess_processed import specs
from calaccess_processed.models import PROCESSED_MODELS
from calaccess_raw import schema


def _codes(table: str, column: str) -> set[str]:
    return {choice.code for choice in schema.load().table(table).field(column).choices}


def test_every_table_column_and_form_type_exists_in_the_raw_schema():
    declared = specs.load()
    assert len(declared.forms) == 5
    for model in declared.models:
        table = schema.load().table(model.source_table)
        for column in ("FILING_ID", "AMEND_ID", "FORM_TYPE"):
            assert column in table.columns, (model.name, column)
        if model.kind == "item":
            assert "LINE_ITEM" in table.columns, model.name
        documented = _codes(model.source_table, "FORM_TYPE")
        if documented:
            assert set(model.form_types) <= documented, model.name
        for field in model.fields:
            assert field.column in table.columns, (model.name, field.column)
        for line in model.summary_lines:
            assert line.column in schema.load().table(specs.SUMMARY_TABLE).columns
            assert line.form_type in _codes(specs.SUMMARY_TABLE, "FORM_TYPE") | {"F460"}


def test_a_form_type_of_a_table_feeds_one_model_or_a_complementary_pair():
    seen: dict[tuple[str, str], list[str]] = {}
    for model in specs.load().models:
        assert model.record_filter in specs.RECORD_FILTERS
        for form_type in model.form_types:
            seen.setdefault((model.source_table, form_type), []).append(model.record_filter)
    for key, filters in seen.items():
        assert sorted(filters) in [[""], *map(sorted, specs.COMPLEMENTARY_FILTERS)], key


def test_each_declaration_derives_a_version_model_and_a_latest_model():
    for model in specs.load().models:
        version = PROCESSED_MODELS[model.version_name]
        latest = PROCESSED_MODELS[model.latest_name]
        fields = {field.name for field in version._meta.get_fields()}
        assert {spec.field for spec in model.fields} <= fields
        assert {line.field for line in model.summary_lines} <= fields
        assert {spec.field for spec in model.fields} <= {f.name for f in latest._meta.get_fields()}
    assert (
        PROCESSED_MODELS["Form460FilingVersion"]
        ._meta.get_field("ending_cash_balance")
        .decimal_places
        == 2
    )


def test_reconciliations_name_declared_fields():
    for model in specs.load().models:
        lines = {line.field for line in model.summary_lines}
        for check in model.reconciliations:
            assert check.summary_field in lines
            if check.item_model:
                item = specs.load().model(check.item_model)
                assert item.form == model.form
                assert check.item_field in {field.field for field in item.fields}
            else:
                assert check.other_summary_field in lines


def test_the_totals_rule_is_declared_and_implemented():
    rules = specs.totals_rules()
    assert rules["late_contributions"] == "uncovered_only"
    assert set(rules) == set(specs.SUPPORTED_TOTALS_RULES)
