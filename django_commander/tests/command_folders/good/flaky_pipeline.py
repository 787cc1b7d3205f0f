from django_commander.base import PipelineCommand, Step


class FlakyPipeline(PipelineCommand):
    """Echo three words; the middle step fails while a marker file exists."""

    resumes_failed = True
    step_commands = ("basic_echo", "flaky_step")

    @classmethod
    def add_arguments(cls, parser):
        parser.add_argument("marker")

    def steps(self):
        yield Step("basic_echo", {"word": "first"})
        yield Step("flaky_step", {"marker": self.parameters["marker"]})
        yield Step("basic_echo", {"word": "last"}, {"times": 1})

    def run(self):
        return super().run()
