package io.lers4j;

import javax.net.SocketFactory;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds what a hub server can make the client hold: OkHttp reads a WebSocket message whole before
 * handing it over, however long the server says it is. This socket factory counts the bytes read
 * since the last message was delivered and fails the read beyond the limit, so at most about the
 * limit is ever buffered. One guard per connection attempt.
 */
final class MessageSizeGuard extends SocketFactory {

    /** The read that went past the limit. */
    static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(long limit) {
            super("the hub server sent more than " + limit + " bytes without completing a message");
        }
    }

    private final SocketFactory delegate;
    private final long limit;
    private final AtomicLong sinceLastMessage = new AtomicLong();

    MessageSizeGuard(SocketFactory delegate, long limit) {
        this.delegate = delegate;
        this.limit = limit;
    }

    /** A message was delivered: the count starts again. */
    void messageDelivered() {
        sinceLastMessage.set(0);
    }

    @Override
    public Socket createSocket() throws IOException {
        return new GuardedSocket(delegate.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return new GuardedSocket(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return new GuardedSocket(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return new GuardedSocket(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return new GuardedSocket(delegate.createSocket(address, port, localAddress, localPort));
    }

    private void count(long bytes) throws TooLargeException {
        if (sinceLastMessage.addAndGet(bytes) > limit) {
            throw new TooLargeException(limit);
        }
    }

    private final class CountingInputStream extends FilterInputStream {
        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }
    }

    /** The socket of the delegate factory, its input counted; everything else passed through. */
    private final class GuardedSocket extends Socket {
        private final Socket socket;
        private InputStream input;

        GuardedSocket(Socket socket) {
            this.socket = socket;
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (input == null) {
                input = new CountingInputStream(socket.getInputStream());
            }
            return input;
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            return socket.getOutputStream();
        }

        @Override
        public void connect(SocketAddress endpoint) throws IOException {
            socket.connect(endpoint);
        }

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            socket.connect(endpoint, timeout);
        }

        @Override
        public void bind(SocketAddress bindpoint) throws IOException {
            socket.bind(bindpoint);
        }

        @Override
        public InetAddress getInetAddress() {
            return socket.getInetAddress();
        }

        @Override
        public InetAddress getLocalAddress() {
            return socket.getLocalAddress();
        }

        @Override
        public int getPort() {
            return socket.getPort();
        }

        @Override
        public int getLocalPort() {
            return socket.getLocalPort();
        }

        @Override
        public SocketAddress getRemoteSocketAddress() {
            return socket.getRemoteSocketAddress();
        }

        @Override
        public SocketAddress getLocalSocketAddress() {
            return socket.getLocalSocketAddress();
        }

        @Override
        public SocketChannel getChannel() {
            return null; // reads through a channel would not be counted
        }

        @Override
        public void setTcpNoDelay(boolean on) throws SocketException {
            socket.setTcpNoDelay(on);
        }

        @Override
        public boolean getTcpNoDelay() throws SocketException {
            return socket.getTcpNoDelay();
        }

        @Override
        public void setSoLinger(boolean on, int linger) throws SocketException {
            socket.setSoLinger(on, linger);
        }

        @Override
        public int getSoLinger() throws SocketException {
            return socket.getSoLinger();
        }

        @Override
        public void sendUrgentData(int data) throws IOException {
            socket.sendUrgentData(data);
        }

        @Override
        public void setOOBInline(boolean on) throws SocketException {
            socket.setOOBInline(on);
        }

        @Override
        public boolean getOOBInline() throws SocketException {
            return socket.getOOBInline();
        }

        @Override
        public synchronized void setSoTimeout(int timeout) throws SocketException {
            socket.setSoTimeout(timeout);
        }

        @Override
        public synchronized int getSoTimeout() throws SocketException {
            return socket.getSoTimeout();
        }

        @Override
        public synchronized void setSendBufferSize(int size) throws SocketException {
            socket.setSendBufferSize(size);
        }

        @Override
        public synchronized int getSendBufferSize() throws SocketException {
            return socket.getSendBufferSize();
        }

        @Override
        public synchronized void setReceiveBufferSize(int size) throws SocketException {
            socket.setReceiveBufferSize(size);
        }

        @Override
        public synchronized int getReceiveBufferSize() throws SocketException {
            return socket.getReceiveBufferSize();
        }

        @Override
        public void setKeepAlive(boolean on) throws SocketException {
            socket.setKeepAlive(on);
        }

        @Override
        public boolean getKeepAlive() throws SocketException {
            return socket.getKeepAlive();
        }

        @Override
        public void setTrafficClass(int tc) throws SocketException {
            socket.setTrafficClass(tc);
        }

        @Override
        public int getTrafficClass() throws SocketException {
            return socket.getTrafficClass();
        }

        @Override
        public void setReuseAddress(boolean on) throws SocketException {
            socket.setReuseAddress(on);
        }

        @Override
        public boolean getReuseAddress() throws SocketException {
            return socket.getReuseAddress();
        }

        @Override
        public synchronized void close() throws IOException {
            try {
                socket.close();
            } finally {
                super.close();
            }
        }

        @Override
        public void shutdownInput() throws IOException {
            socket.shutdownInput();
        }

        @Override
        public void shutdownOutput() throws IOException {
            socket.shutdownOutput();
        }

        @Override
        public String toString() {
            return socket.toString();
        }

        @Override
        public boolean isConnected() {
            return socket.isConnected();
        }

        @Override
        public boolean isBound() {
            return socket.isBound();
        }

        @Override
        public boolean isClosed() {
            return socket.isClosed();
        }

        @Override
        public boolean isInputShutdown() {
            return socket.isInputShutdown();
        }

        @Override
        public boolean isOutputShutdown() {
            return socket.isOutputShutdown();
        }

        @Override
        public void setPerformancePreferences(int connectionTime, int latency, int bandwidth) {
            socket.setPerformancePreferences(connectionTime, latency, bandwidth);
        }

        @Override
        public <T> Socket setOption(SocketOption<T> name, T value) throws IOException {
            socket.setOption(name, value);
            return this;
        }

        @Override
        public <T> T getOption(SocketOption<T> name) throws IOException {
            return socket.getOption(name);
        }

        @Override
        public Set<SocketOption<?>> supportedOptions() {
            return socket.supportedOptions();
        }
    }
}
