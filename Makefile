# Shortcuts for those who type `make`: every target delegates to ./dev, which needs no make.
# See ./dev help for what each does and the environment variables it reads.

.PHONY: run test lint bench lock setup help

help:
	@./dev help

run:
	./dev run

# make test ARGS="-k scope -x" passes arguments on to pytest.
test:
	./dev test -- $(ARGS)

lint:
	./dev lint

bench:
	./dev bench

setup:
	./dev setup

# Regenerate requirements-pip.lock, requirements.lock (runtime) and requirements-dev.lock with uv
# (UV_PYTHON_DOWNLOADS=never; no registry hosts in the files); see docs/decisions/0002.
lock:
	./dev lock
