from django_commander.base import PipelineCommand, Step


class TolerantPipeline(PipelineCommand):
    """Echo two words around a step that fails while a marker file exists, without stopping."""

    step_commands = ("basic_echo", "flaky_step")

    @classmethod
    def add_arguments(cls, parser):
        parser.add_argument("marker")

    def steps(self):
        yield Step("basic_echo", {"word": "before"})
        yield Step("flaky_step", {"marker": self.parameters["marker"]}, on_failure="continue")
        yield Step("basic_echo", {"word": "after"}, {"times": 1})
