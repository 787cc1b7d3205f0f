from pathlib import Path

from django_commander.base import PipelineCommand, Step


class TolerantPipeline(PipelineCommand):
    """Echo two words around a step that fails while a marker file exists, without stopping.

    Its hooks note that they ran: ``<marker>.before`` says whether the run resumed,
    ``<marker>.after`` lists the steps done.
    """

    resumes_failed = True
    step_commands = ("basic_echo", "flaky_step")

    @classmethod
    def add_arguments(cls, parser):
        parser.add_argument("marker")

    def before_steps(self):
        Path(self.parameters["marker"] + ".before").write_text(f"resuming={self.resuming}")

    def steps(self):
        yield Step("basic_echo", {"word": "before"})
        yield Step("flaky_step", {"marker": self.parameters["marker"]}, on_failure="continue")
        yield Step("basic_echo", {"word": "after"}, {"times": 1})

    def after_steps(self, results):
        Path(self.parameters["marker"] + ".after").write_text(" | ".join(results))
