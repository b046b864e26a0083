"""A TCP peer for health-check benchmarks: listens on 127.0.0.1 (a free port, written to the file
given as argument), accepts every connection and closes it at once. Runs until killed."""
import os
import socket
import sys

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", 0))
server.listen(4096)
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write(str(server.getsockname()[1]))
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
while True:
    connection, _ = server.accept()
    connection.close()
