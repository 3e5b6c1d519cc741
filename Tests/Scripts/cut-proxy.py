#!/usr/bin/env python3
"""A TCP proxy that drops the connection after the server has sent BYTES bytes: the directory
server dying in the middle of a paged search, made repeatable. With `stall`, it keeps the
connection open but forwards nothing more: a server that hangs mid-search. One connection,
then it exits.

  cut-proxy.py LISTEN_IP LISTEN_PORT TARGET_IP TARGET_PORT BYTES [stall]
Prints "listening" once ready.
"""
import socket, sys, threading, time

listen_ip, listen_port, target_ip, target_port, limit = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
stall = len(sys.argv) > 6 and sys.argv[6] == "stall"
server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind((listen_ip, listen_port))
server.listen(1)
print("listening", flush=True)
client, _ = server.accept()
upstream = socket.create_connection((target_ip, target_port))

def pump_up():
    try:
        while True:
            data = client.recv(65536)
            if not data:
                break
            upstream.sendall(data)
    except OSError:
        pass

threading.Thread(target=pump_up, daemon=True).start()
sent = 0
try:
    while sent < limit:
        data = upstream.recv(min(65536, limit - sent))
        if not data:
            break
        client.sendall(data)
        sent += len(data)
    if stall:
        # Hung mid-answer: silent until the client gives up (or 60 s pass).
        client.settimeout(60)
        try:
            client.recv(1)
        except OSError:
            pass
finally:
    # Gone mid-answer: no LDAP result, no close notification, just a reset.
    client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    client.close()
    upstream.close()
