"""``python -m shmkit [NAME]``: the tables of the space with their paths, or the path of NAME's current version."""
import sys

import shmkit


def main(argv):
    if len(argv) > 1:
        sys.exit("usage: python -m shmkit [NAME]")
    try:
        if argv:
            print(shmkit.path(argv[0]))
            return
        d = shmkit.space_directory()
        found = shmkit.entries()
        print(f"space {d}: {len(found)} table{'' if len(found) == 1 else 's'}")
        for name, (version, p) in sorted(found.items()):
            print(f"{name}\tv{version}\t{p}")
    except (LookupError, ValueError) as e:
        sys.exit(f"shmkit: {e}")


if __name__ == "__main__":
    main(sys.argv[1:])
