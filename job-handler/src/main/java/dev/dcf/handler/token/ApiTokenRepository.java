package dev.dcf.handler.token;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface ApiTokenRepository extends JpaRepository<ApiToken, String> {

	Optional<ApiToken> findByTokenHash(String tokenHash);

	List<ApiToken> findByOwnerOrderByCreatedAtDesc(String owner);

	long countByOwner(String owner);

}
