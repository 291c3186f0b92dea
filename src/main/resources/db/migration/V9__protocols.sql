-- Socket.IO and STOMP (issue 14). Portable SQL: runs unchanged on H2 and PostgreSQL.
-- A service's protocol inside the WebSocket (WEBSOCKET, SOCKET_IO, STOMP); every existing service is plain WebSocket.
-- A variable's subscriptions (JSON list): STOMP destinations to SUBSCRIBE to, or the Socket.IO events kept
-- (empty: all); send_target is where its messages go (STOMP SEND destination, Socket.IO event name).
ALTER TABLE socket_service ADD COLUMN protocol VARCHAR(20) DEFAULT 'WEBSOCKET' NOT NULL;
ALTER TABLE socket_variable ADD COLUMN subscriptions VARCHAR(1048576) DEFAULT '[]' NOT NULL;
ALTER TABLE socket_variable ADD COLUMN send_target VARCHAR(1000);
