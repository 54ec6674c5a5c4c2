"""What both benchmarks measure: requests per second on one path, and the queries one request makes."""

import time

from django.db import connection


def throughput(client, path, seconds):
    client.get(path)  # warm caches and templates
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        count += 1
    return count / (time.perf_counter() - start)


def count_queries(client, path):
    queries = []

    def record(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response, len(queries)
