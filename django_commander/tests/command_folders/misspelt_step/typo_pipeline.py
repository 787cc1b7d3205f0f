from django_commander.base import PipelineCommand, Step


class TypoPipeline(PipelineCommand):
    """Declares a step command that does not exist."""

    step_commands = ("clean_raw_fiel",)

    def steps(self):
        yield Step("clean_raw_fiel")
