from django_commander.base import PipelineCommand, Step


class FailingBackgroundPipeline(PipelineCommand):
    """A background step that fails while the marker file exists, then an echo."""

    resumes_failed = True
    step_commands = ("flaky_step", "basic_echo")

    @classmethod
    def add_arguments(cls, parser):
        parser.add_argument("marker")

    def steps(self):
        yield Step("flaky_step", {"marker": self.parameters["marker"]}, background=True)
        yield Step("basic_echo", {"word": "after"}, {"times": 1})
