from importlib import resources

from ._native import add


def twice(x: int) -> int:
    return add(x, x)


def greeting() -> str:
    return resources.files(__package__).joinpath("data/greeting.txt").read_text().strip()


def main() -> None:
    print(f"{greeting()} {twice(21)}")
