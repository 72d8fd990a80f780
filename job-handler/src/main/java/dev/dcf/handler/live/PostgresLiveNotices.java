package dev.dcf.handler.live;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;

/**
 * Live updates across the handlers of one PostgreSQL database: every message a handler
 * pushes to its browsers also goes to the other handlers as a notification on channel
 * {@value #CHANNEL}{@code _<hash of the schema>} ({@code pg_notify}; channels are per
 * database, so installations in different schemas of one database keep to their own), and
 * each pushes what the others sent to its own browsers, so a browser sees a change
 * whichever handler made it. One thread with a connection of its own sends and listens; a
 * notification is sent after the change's commit, at most once: one lost while the
 * connection is down (or longer than PostgreSQL's 8000 bytes) is not sent again, the
 * pages catch up when they reconnect or reload. On any other database (H2 holds one
 * handler) nothing is sent.
 */
@Component
class PostgresLiveNotices implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PostgresLiveNotices.class);

	/** The channel's name before the schema's hash. */
	static final String CHANNEL = "dcf_live";

	private static final int MAX_PAYLOAD_BYTES = 7900;

	private static final Duration POLL = Duration.ofMillis(200);

	private static final Duration RECONNECT = Duration.ofSeconds(2);

	private final DataSource dataSource;

	private final SimpMessagingTemplate messaging;

	private final JsonMapper json;

	private final String origin = UUID.randomUUID().toString();

	private final BlockingQueue<String> outgoing = new LinkedBlockingQueue<>(10_000);

	private volatile boolean enabled;

	private volatile String channel;

	private volatile Thread thread;

	PostgresLiveNotices(DataSource dataSource, SimpMessagingTemplate messaging, JsonMapper json) {
		this.dataSource = dataSource;
		this.messaging = messaging;
		this.json = json;
	}

	/**
	 * Tells the other handlers about a message pushed here. Never blocks, never throws.
	 * @param destination the STOMP destination
	 * @param payload the message
	 */
	void publish(String destination, Object payload) {
		if (!this.enabled) {
			return;
		}
		try {
			String notice = this.origin + "\n" + destination + "\n" + this.json.writeValueAsString(payload);
			if (notice.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
				log.debug("Not telling the other handlers about {}: too large for a notification", destination);
			}
			else if (!this.outgoing.offer(notice)) {
				log.debug("Not telling the other handlers about {}: too many waiting", destination);
			}
		}
		catch (RuntimeException ex) {
			log.debug("Not telling the other handlers about {}: {}", destination, ex.toString());
		}
	}

	/**
	 * Pushes a notice of another handler to this one's browsers; own notices are skipped.
	 */
	void deliver(String notice) {
		String[] parts = notice.split("\n", 3);
		if (parts.length < 3 || parts[0].equals(this.origin)) {
			return;
		}
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
		headers.setLeaveMutable(true);
		Message<byte[]> message = MessageBuilder.createMessage(parts[2].getBytes(StandardCharsets.UTF_8),
				headers.getMessageHeaders());
		try {
			this.messaging.send(parts[1], message);
		}
		catch (MessagingException ex) {
			log.warn("Could not push another handler's update to {}: {}", parts[1], ex.toString());
		}
	}

	private void run() {
		while (this.enabled) {
			try (Connection connection = this.dataSource.getConnection()) {
				connection.setAutoCommit(true);
				try (Statement statement = connection.createStatement()) {
					statement.execute("listen " + this.channel);
				}
				PGConnection postgres = connection.unwrap(PGConnection.class);
				while (this.enabled) {
					send(connection);
					PGNotification[] notifications = postgres.getNotifications((int) POLL.toMillis());
					if (notifications != null) {
						for (PGNotification notification : notifications) {
							deliver(notification.getParameter());
						}
					}
				}
				try (Statement statement = connection.createStatement()) {
					statement.execute("unlisten " + this.channel);
				}
			}
			catch (SQLException | RuntimeException ex) {
				if (this.enabled) {
					log.warn("Live updates from the other handlers are interrupted, reconnecting in {} s: {}",
							RECONNECT.toSeconds(), ex.toString());
					pause();
				}
			}
		}
	}

	private void send(Connection connection) throws SQLException {
		String notice;
		while ((notice = this.outgoing.poll()) != null) {
			try (PreparedStatement statement = connection.prepareStatement("select pg_notify(?, ?)")) {
				statement.setString(1, this.channel);
				statement.setString(2, notice);
				statement.execute();
			}
		}
	}

	private void pause() {
		try {
			Thread.sleep(RECONNECT.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.enabled = false;
		}
	}

	@Override
	public synchronized void start() {
		if (this.thread != null) {
			return;
		}
		try (Connection connection = this.dataSource.getConnection()) {
			if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
				return;
			}
			this.channel = CHANNEL + "_" + Integer.toHexString(String.valueOf(connection.getSchema()).hashCode());
		}
		catch (SQLException ex) {
			log.warn("Cannot tell the database; live updates stay within this handler: {}", ex.toString());
			return;
		}
		this.enabled = true;
		Thread listener = new Thread(this::run, "dcf-live-notices");
		listener.setDaemon(true);
		listener.start();
		this.thread = listener;
	}

	@Override
	public synchronized void stop() {
		this.enabled = false;
		Thread listener = this.thread;
		this.thread = null;
		if (listener != null) {
			try {
				listener.join(POLL.multipliedBy(10).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

}
