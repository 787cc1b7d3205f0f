from django_commander.base import PipelineCommand, Step


class SilentPipeline(PipelineCommand):
    """A pipeline that does not say which commands its steps use."""

    def steps(self):
        yield Step("silent_pipeline")
