from django_commander.base import PipelineCommand, Step


class ConcurrentPipeline(PipelineCommand):
    """Two independent steps that wait for each other, a step that fails while a marker file
    exists, a step that depends on the first, then a plain step after them all."""

    step_commands = ("rendezvous", "read_rendezvous", "flaky_step", "basic_echo")
    #: Its tests rerun a partial run and expect only the failed step to run again.
    resumes_failed = True

    @classmethod
    def add_arguments(cls, parser):
        parser.add_argument("folder")
        parser.add_argument("--seconds", type=float, default=10.0)
        parser.add_argument("--on-failure", default="continue", choices=["continue", "stop"])

    def steps(self):
        folder = self.parameters["folder"]
        wait = {"seconds": self.options["seconds"]}
        yield Step(
            "rendezvous",
            {"folder": folder, "side": "left"},
            {"other": "right", **wait},
            concurrent=True,
        )
        yield Step(
            "rendezvous",
            {"folder": folder, "side": "right"},
            {"other": "left", **wait},
            concurrent=True,
        )
        yield Step(
            "flaky_step",
            {"marker": f"{folder}/marker"},
            concurrent=True,
            on_failure=self.options["on_failure"],
        )
        yield Step("read_rendezvous", {"folder": folder, "side": "left"}, concurrent=True)
        yield Step("basic_echo", {"word": "end"}, {"times": 1})
