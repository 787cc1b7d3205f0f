from django_commander.base import PipelineCommand, Step


class StrayStepPipeline(PipelineCommand):
    """Yields a step of a command it did not declare."""

    step_commands = ("basic_echo",)

    def steps(self):
        yield Step("basic_echo", {"word": "declared"})
        yield Step("add", {"left": 1, "right": 2})
