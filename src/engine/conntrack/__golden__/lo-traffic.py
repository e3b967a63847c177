import socket, struct, time, sys
T0=time.monotonic()
def mark(what): print(f"{int((time.monotonic()-T0)*1000)} {what}", file=sys.stderr, flush=True)
def csum(b):
    if len(b)%2: b+=b'\0'
    s=sum(struct.unpack('!%dH'%(len(b)//2),b)); s=(s>>16)+(s&0xffff); s+=s>>16; return (~s)&0xffff
h=struct.pack('!BBHHH',8,0,0,4660,1)+b'abcd'; h=h[:2]+struct.pack('!H',csum(h))+h[4:]
mark('icmp echo'); socket.socket(socket.AF_INET,socket.SOCK_RAW,socket.IPPROTO_ICMP).sendto(h,('127.0.0.1',0))
time.sleep(0.1)
u=socket.socket(socket.AF_INET,socket.SOCK_DGRAM); u.bind(('127.0.0.1',7000))
v=socket.socket(socket.AF_INET,socket.SOCK_DGRAM); v.bind(('127.0.0.1',7001))
mark('udp 7000->7001'); u.sendto(b'a',('127.0.0.1',7001)); v.recvfrom(10)
mark('udp reply'); v.sendto(b'b',('127.0.0.1',7000)); u.recvfrom(10)
time.sleep(0.5); mark('udp again'); u.sendto(b'a',('127.0.0.1',7001)); v.recvfrom(10)
time.sleep(2.0); mark('udp after 2s'); u.sendto(b'a',('127.0.0.1',7001)); v.recvfrom(10)
mark('udp to closed 9999'); w=socket.socket(socket.AF_INET,socket.SOCK_DGRAM); w.bind(('127.0.0.1',7002)); w.sendto(b'x',('127.0.0.1',9999))
mark('tcp to closed 81')
c=socket.socket(); c.bind(('127.0.0.1',36000))
try: c.connect(('127.0.0.1',81))
except Exception as e: pass
time.sleep(1.0); mark('list')
