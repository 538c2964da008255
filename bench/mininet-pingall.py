"""Mininet's pingAll on N hosts behind one OVS userspace switch (datapath=user): the peer ovs-lab's
matrix is measured against, in the same bench run. Prints one JSON line. Never calls `mn -c`
(it deletes every OVS bridge on the machine); the network it made is stopped by itself."""
import json
import sys
import time
from functools import partial

from mininet.log import setLogLevel
from mininet.net import Mininet
from mininet.node import OVSSwitch
from mininet.topo import SingleSwitchTopo

hosts = int(sys.argv[1]) if len(sys.argv) > 1 else 20
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
setLogLevel("warning")
switch = partial(OVSSwitch, datapath="user", failMode="standalone")
net = Mininet(topo=SingleSwitchTopo(k=hosts), switch=switch, controller=None, autoSetMacs=True, waitConnected=False)
try:
    net.start()
    net.pingAll(timeout=1)  # warm-up: ARP, as ovs-lab's first run starts its agents
    times, loss = [], None
    for _ in range(runs):
        started = time.perf_counter()
        loss = net.pingAll(timeout=1)
        times.append((time.perf_counter() - started) * 1000)
    print(json.dumps({"hosts": hosts, "runsMs": times, "lossPercent": loss}))
finally:
    net.stop()
