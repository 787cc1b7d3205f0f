from django_commander.base import PipelineCommand, Step


class BackgroundPipeline(PipelineCommand):
    """Await a signal in the background while the next step sends it, then read the outcome."""

    step_commands = ("await_signal", "send_signal", "read_awaited")

    @classmethod
    def add_arguments(cls, parser):
        parser.add_argument("folder")
        parser.add_argument("--seconds", type=float, default=10.0)

    def steps(self):
        folder = {"folder": self.parameters["folder"]}
        yield Step("await_signal", folder, {"seconds": self.options["seconds"]}, background=True)
        yield Step("send_signal", folder)
        yield Step("read_awaited", folder)
