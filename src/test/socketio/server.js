// A real Socket.IO v4 server (the socket.io npm package) for SocketIoProtocolTest, on loopback.
// Prints "listening <port>" once ready and "connection <n>" for each client connected, so the test can
// count reconnects. Short ping intervals (PING_INTERVAL, 300 ms; PING_TIMEOUT, 1500 ms) make an unanswered ping
// visible within two seconds. Events: "tick" every 50 ms, "news" every 200 ms; "echo" is answered with
// "echoed" carrying the same payload. The namespace "/admin" has its own events: "tick" every 50 ms with the
// symbol "ADMIN", and "echo" answered with "echoed" carrying {namespace: "/admin", payload}; any other
// namespace is refused ("Invalid namespace"). With TOKEN set, a client must send {"token": TOKEN} as auth. PORT
// (default 0: any free port) lets a test start the server again on the port its clients know.
const { Server } = require("socket.io");

const pingInterval = Number(process.env.PING_INTERVAL || 300);
const pingTimeout = Number(process.env.PING_TIMEOUT || 1500);
const io = new Server({ pingInterval, pingTimeout, serveClient: false, transports: ["websocket"] });
let connections = 0;
let price = 100;

io.use((socket, next) => {
  if (process.env.TOKEN && socket.handshake.auth.token !== process.env.TOKEN) {
    next(new Error("not authorized"));
  } else {
    next();
  }
});

io.on("connection", (socket) => {
  connections++;
  console.log("connection " + connections);
  socket.on("echo", (payload) => socket.emit("echoed", payload));
});

const admin = io.of("/admin");
admin.on("connection", (socket) => {
  socket.on("echo", (payload) => socket.emit("echoed", { namespace: "/admin", payload }));
});
setInterval(() => admin.emit("tick", { symbol: "ADMIN", ts: new Date().toISOString() }), 50);

setInterval(() => {
  price = Math.round((price + Math.random() - 0.5) * 100) / 100;
  io.emit("tick", { symbol: "ACME", price, ts: new Date().toISOString() });
}, 50);
setInterval(() => io.emit("news", { headline: "Markets move", ts: new Date().toISOString() }), 200);

const httpServer = require("http").createServer();
io.attach(httpServer);
httpServer.listen(Number(process.env.PORT || 0), "127.0.0.1", () => console.log("listening " + httpServer.address().port));
