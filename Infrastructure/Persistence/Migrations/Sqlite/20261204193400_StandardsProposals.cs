using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivilAffairs.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StandardsProposals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StandardsProposals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    JurisdictionId = table.Column<int>(type: "INTEGER", nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DocumentNumber = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    ProposedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ProposedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecisionNote = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ImpactPersons = table.Column<int>(type: "INTEGER", nullable: false),
                    ImpactHouseholds = table.Column<int>(type: "INTEGER", nullable: false),
                    ImpactMonthlyChange = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    ImpactBackPay = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StandardsProposals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StandardsProposalItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProposalId = table.Column<int>(type: "INTEGER", nullable: false),
                    VariantCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    NewAmount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StandardsProposalItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StandardsProposalItems_StandardsProposals_ProposalId",
                        column: x => x.ProposalId,
                        principalTable: "StandardsProposals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StandardsProposalItems_ProposalId",
                table: "StandardsProposalItems",
                column: "ProposalId");

            migrationBuilder.CreateIndex(
                name: "IX_StandardsProposals_JurisdictionId_State",
                table: "StandardsProposals",
                columns: new[] { "JurisdictionId", "State" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StandardsProposalItems");

            migrationBuilder.DropTable(
                name: "StandardsProposals");
        }
    }
}
